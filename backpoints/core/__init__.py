"""The Qt-free core: data model, loader, search and sheets."""
