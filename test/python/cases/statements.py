# === if elif else
for n in [-5, 0, 5, 50]:
    if n < 0:
        kind = 'neg'
    elif n == 0:
        kind = 'zero'
    elif n < 10:
        kind = 'small'
    else:
        kind = 'big'
    print(n, kind)
# === loops with else break continue
for i in range(5):
    if i == 3:
        break
else:
    print('no break')
for i in range(3):
    pass
else:
    print('loop finished', i)
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print('even', n)
else:
    print('while else not reached')
while False:
    pass
else:
    print('while else')
# === nested loops and loop variables
pairs = []
for i in range(3):
    for j in range(3):
        if j > i:
            break
        pairs.append((i, j))
print(pairs, i, j)
for k, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(k, a, b)
# === try except else finally
def trial(x):
    out = []
    try:
        out.append('try')
        if x == 1:
            raise ValueError('bad')
        if x == 2:
            raise KeyError('k')
    except ValueError as e:
        out.append(f'value {e}')
    except (KeyError, IndexError) as e:
        out.append(f'lookup {e!r}')
    else:
        out.append('else')
    finally:
        out.append('finally')
    return out
print(trial(0), trial(1), trial(2))
# === finally overrides return
def f():
    try:
        return 'try'
    finally:
        print('finally runs')
def g():
    try:
        return 'try'
    finally:
        return 'finally'
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print('finally', i)
    return i
print(f(), g(), h())
# === exception variable is cleared
try:
    raise ValueError('x')
except ValueError as err:
    pass
print('err' in dir())
# === raise from and chaining
class AppError(Exception):
    pass
try:
    try:
        {}['k']
    except KeyError as e:
        raise AppError('wrapped') from e
except AppError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during handling')
except ValueError as e:
    print(repr(e.__context__), e.__cause__)
try:
    try:
        raise TypeError('t')
    except TypeError:
        raise
except TypeError as e:
    print('reraised', e)
# === exception objects
class MyErr(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise MyErr('boom', 42)
except Exception as e:
    print(type(e).__name__, e, e.code, e.args, repr(e), isinstance(e, Exception), str(ValueError()), repr(KeyError('k')))
print(str(KeyError('k')), str(ValueError(1, 2)), repr(ValueError('a', 'b')), Exception().args, StopIteration(5).value)
# === raise uncaught custom exception
class ModelError(RuntimeError):
    pass
def build():
    raise ModelError('shape mismatch in layer 3')
build()
# === bare raise without active exception
raise
# === raise non exception
raise 5
# === catching BaseException subclasses
try:
    raise KeyboardInterrupt
except Exception:
    print('not here')
except BaseException as e:
    print('base', type(e).__name__)
# === with statement
class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, typ, val, tb):
        print('exit', self.name, typ.__name__ if typ else None, val)
        return self.suppress
with Ctx('a') as x, Ctx('b') as y:
    print('body', x, y)
with Ctx('s', suppress=True):
    raise ValueError('suppressed')
print('after')
try:
    with Ctx('n'):
        raise KeyError('k')
except KeyError:
    print('propagated')
def early():
    with Ctx('r'):
        return 'returned'
print(early())
# === with non context manager
with 5:
    pass
# === assert
assert 1 + 1 == 2, 'math'
try:
    assert False, 'custom message'
except AssertionError as e:
    print('assert', e)
x = []
assert x, f'empty list {x}'
# === del statement
a = [1, 2, 3]
d = {'k': 1, 'j': 2}
v = 5
del a[0], d['k'], v
print(a, d, 'v' in dir())
del v
# === augmented assignment targets
a = [1, 2]
a[0] += 10
d = {'n': 1}
d['n'] *= 5
class O:
    val = 1
o = O()
o.val -= 3
s = 'ab'
s += 'c'
t = (1,)
t += (2,)
x = 7
x //= 2; x **= 3; x %= 10; x <<= 2; x |= 1; x ^= 3; x &= 6; x >>= 1
print(a, d, o.val, O.val, s, t, x)
# === chained and tuple assignment
a = b = c = []
a.append(1)
x, y = y, x = 1, 2
i, j = j, i = 'ab'
m, n = n, m = 3, 4
print(a, b, c, x, y, i, j, m, n)
(p, q), r = [1, 2], 3
[s1, s2] = 'xy'
print(p, q, r, s1, s2)
# === annotated assignments
count: int = 0
label: str
ratio: float = 0.5
print(count, ratio, 'label' in dir(), list(__annotations__))
# === walrus
data = [1, 5, 3, 8]
if (n := len(data)) > 3:
    print('long', n)
print([y for x in data if (y := x * 2) > 5], y)
while (chunk := data[:2]):
    data = data[2:]
    print(chunk)
# === conditional expression and boolean operators
x = 0
print('yes' if x else 'no', x or 'default', x and 'never', [] or {} or 'last', 1 and 2 and 3, None or 0, not x, not not 'a')
# === pass and ellipsis bodies
class Stub:
    pass
def todo():
    ...
print(todo(), Stub.__name__, ...)
# === global at module level and __name__
print(__name__, __name__ == '__main__')
if __name__ == '__main__':
    print('main block runs')
