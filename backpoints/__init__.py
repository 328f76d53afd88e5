"""BackPoints: a desktop reference of acupuncture and acupressure points for back pain."""

__version__ = "0.1.0"
