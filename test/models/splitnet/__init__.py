# A model split across a package: layers in one module, the model in another, joined by relative imports.
from .model import SplitNet

__all__ = ["SplitNet"]
