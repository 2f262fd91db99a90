"""bantin's core: storage, extraction, classification, bulletins, rendering, e-mail and web."""

__version__ = "0.1.0"
