"""finsam-pipeline: Swedish FINSAM documents in, checked JSON facts out."""

# The one place the version is set: pyproject.toml reads it, outputs and `finsam -V` print it.
__version__ = "0.5.0"
