# === import package with relative imports
# --- file: mylib/__init__.py
from .layers import Block, make
from . import utils
VERSION = '1.0'
# --- file: mylib/layers.py
from .utils import double
class Block:
    def __init__(self, n):
        self.n = double(n)
def make(n):
    return Block(n)
# --- file: mylib/utils.py
def double(x):
    return 2 * x
# --- file: main.py
import mylib
from mylib import Block, VERSION
from mylib.utils import double
import mylib.layers as L
print(mylib.make(3).n, Block(1).n, VERSION, double(5), L.Block is Block, mylib.utils.double(1), mylib.__name__, L.__name__)
# === absolute import of workspace package
# --- file: mingpt/__init__.py
# --- file: mingpt/utils.py
class CfgNode:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)
    def __repr__(self):
        return f'CfgNode({self.__dict__})'
# --- file: mingpt/model.py
from mingpt.utils import CfgNode
def get_default_config():
    return CfgNode(n_layer=2, model_type='gpt')
# --- file: main.py
from mingpt.model import get_default_config
import mingpt.utils
print(get_default_config(), isinstance(get_default_config(), mingpt.utils.CfgNode))
# === module level name and main guard
# --- file: helper.py
print('helper imported as', __name__)
def run():
    return 'ran'
if __name__ == '__main__':
    print('helper main')
# --- file: main.py
import helper
import helper as again
print(helper.run(), helper is again, __name__)
# === star import
# --- file: shapes.py
__all__ = ['square', 'PI']
PI = 3.14
def square(x):
    return x * x
def _hidden():
    pass
def not_exported():
    pass
# --- file: consts.py
A = 1
_B = 2
# --- file: main.py
from shapes import *
from consts import *
print(square(3), PI, A, 'not_exported' in dir(), '_B' in dir(), '_hidden' in dir())
# === missing module
import definitely_not_a_module
# === missing name in module
# --- file: lib.py
x = 1
# --- file: main.py
from lib import y
# === circular import of partially initialised module
# --- file: a.py
import b
value_a = 'A'
def get_b():
    return b.value_b
# --- file: b.py
import a
value_b = 'B'
def get_a():
    return a.value_a
# --- file: main.py
import a, b
print(a.get_b(), b.get_a())
# === submodule attribute after import
# --- file: pkg/__init__.py
# --- file: pkg/sub/__init__.py
NAME = 'sub'
# --- file: pkg/sub/deep.py
from .. import sub
from ..sub import NAME
VALUE = NAME + '-deep'
# --- file: main.py
import pkg.sub.deep
print(pkg.sub.deep.VALUE, pkg.sub.NAME)
from pkg.sub import deep
print(deep.VALUE)
# === error inside imported module points at that file
# --- file: broken.py
def helper():
    return 1 / 0
value = helper()
# --- file: main.py
import broken
# === relative import beyond top level
# --- file: main.py
from . import nothing
# === stdlib imports used by model files
from __future__ import annotations
import math, os, sys, time, random, copy, warnings, typing, dataclasses, functools, itertools, collections, enum, inspect, abc, operator
import collections.abc, os.path, logging, contextlib, types, string, numbers
from typing import Optional
print('ok', math.pi > 3, collections.abc.Mapping.__name__)
# === import inside function and try except import error
def lazy():
    import json_missing_module
try:
    lazy()
except ImportError as e:
    print(type(e).__name__, e)
try:
    import numpy as np
except ImportError:
    np = None
print(np)
