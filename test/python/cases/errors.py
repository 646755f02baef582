# === name error
print(undefined_name)
# === name error in function
def f():
    return missing_helper(1)
f()
# === unsupported operand
1 + 'a'
# === unsupported operand on custom class
class A:
    pass
A() * 2
# === bad unary operand
-'a'
# === comparison not supported
[1] < 3
# === not subscriptable
x = 5
x[0]
# === not iterable
for i in 5:
    pass
# === not callable
None()
# === attribute on None
x = None
x.shape
# === attribute on module
import math
math.tau2
# === attribute on class
class K:
    pass
K.missing
# === len of int
len(5)
# === in on int
3 in 5
# === int indexing list
[1, 2][1.5]
# === item assignment on tuple
t = (1, 2)
t[0] = 5
# === key error
{'a': 1}['b']
# === stop iteration
next(iter([]))
# === value error from function
def check(v):
    if v < 0:
        raise ValueError(f'negative value: {v}')
    return v
check(-1)
# === type error in nested call
def a(x):
    return b(x)
def b(x):
    return x + 1
a('s')
# === exception in method
class Layer:
    def __init__(self, n):
        self.n = n
    def forward(self, x):
        return x[self.n]
Layer(5).forward([1, 2])
# === traceback line of error inside comprehension
values = [1, 2, 0]
result = [10 // v for v in values]
# === error raised in generator
def gen():
    yield 1
    raise RuntimeError('gen failed')
list(gen())
# === catching by base class
try:
    [][1]
except LookupError as e:
    print(type(e).__name__, e)
try:
    {}['x']
except LookupError as e:
    print(type(e).__name__, e)
try:
    int('z')
except (TypeError, ValueError) as e:
    print(type(e).__name__)
# === exception hierarchy
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError), issubclass(ModuleNotFoundError, ImportError))
print(issubclass(RecursionError, RuntimeError), issubclass(NotImplementedError, RuntimeError), issubclass(FileNotFoundError, OSError))
print(issubclass(UnboundLocalError, NameError), issubclass(StopIteration, Exception), issubclass(KeyboardInterrupt, Exception))
print(ValueError.__mro__)
# === raise with class
raise NotImplementedError
# === hasattr swallows attribute errors only
class P:
    @property
    def boom(self):
        raise KeyError('inside property')
print(hasattr(P(), 'nope'))
hasattr(P(), 'boom')
