"""One backend per module; each implements :class:`pipeline.backends.base.Backend`."""
