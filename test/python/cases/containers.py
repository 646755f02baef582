# === list methods
a = [3, 1, 2]
a.append(4); a.extend([5, 6]); a.insert(0, 0); a.insert(100, 7); a.insert(-1, 9)
print(a, a.pop(), a.pop(0), a, a.index(2), a.count(1))
a.remove(9); a.reverse(); print(a); a.sort(); print(a); a.sort(key=lambda v: -v); print(a)
b = a.copy(); b.clear(); print(a, b, len(a), a * 2, [0] * 3, a + [10], a[1:-1], a[::-2])
# === list slice assignment and deletion
a = list(range(10))
a[2:5] = ['x', 'y']; print(a)
a[::3] = [0, 0, 0]; print(a)
del a[1]; del a[::2]; print(a)
a[:] = []; print(a)
b = [1, 2, 3]; b += (4, 5); print(b); b *= 2; print(b)
# === tuple
t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], t + (4,), t * 2, (1,), (), len(t), t.index(2), t.count(1), 2 in t, tuple([1, 2]), (1, 2) < (1, 3))
x, y, z = t
first, *rest = t
*init, last = t
a, (b, c) = 1, (2, 3)
print(x, y, z, first, rest, init, last, a, b, c)
# === dict methods
d = {'a': 1, 'b': 2}
d['c'] = 3
print(d, d.get('a'), d.get('z'), d.get('z', 0), 'a' in d, len(d), list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.pop('a'), d.pop('zz', None), d.setdefault('b', 9), d.setdefault('n', []), d)
d.update({'x': 1}, y=2); d.update([('z', 3)]); print(d, d.popitem(), d)
e = dict(a=1, b=2); f = dict([('k', 'v')]); g = dict.fromkeys('ab', 0); print(e, f, g, e == {'b': 2, 'a': 1}, e | {'c': 3})
print({k: v for k, v in zip('abc', range(3))}, dict(zip(['x', 'y'], [1, 2])), {**e, 'z': 0}, sorted(e.items(), key=lambda kv: -kv[1]))
# === dict iteration order and views
d = {}
for k in ['z', 'a', 'm']:
    d[k] = len(k)
del d['a']
d['a'] = 5
print(list(d), d.keys(), d.values(), d.items(), list(reversed(d)))
ks = d.keys()
d['new'] = 1
print(ks, 'new' in ks, len(ks), ks & {'z', 'q'}, sorted(ks - {'z'}))
# === dict errors
d = {'a': 1}
try:
    d['missing']
except KeyError as e:
    print(repr(e), e, e.args)
try:
    for k in d:
        d['b'] = 2
except RuntimeError as e:
    print(e)
try:
    {[1]: 2}
except TypeError as e:
    print(e)
# === set operations
s = {3, 1, 2}
s.add(4); s.discard(10); s.remove(1)
print(sorted(s), len(s), 2 in s, sorted(s | {9}), sorted(s & {2, 3, 7}), sorted(s - {2}), sorted(s ^ {2, 8}), {1, 2} <= {1, 2, 3})
print(set(), frozenset([1, 2]) == {1, 2}, sorted({x % 3 for x in range(10)}), {1, 2}.isdisjoint({3}), set('aab') == {'a', 'b'})
print(sorted(set([1, 2]).union([3], (4,))), sorted({1, 2, 3}.intersection([2, 3, 4])), {1, 2}.issubset([1, 2, 3]), len(frozenset()))
f = frozenset([1, 2]); print(hash(f) == hash(frozenset([2, 1])), {f: 'ok'}[frozenset({1, 2})])
# === comprehensions
print([x * x for x in range(6) if x % 2], [(i, j) for i in range(3) for j in range(i)], [[j for j in range(i)] for i in range(3)])
print({x: x ** 2 for x in range(3)}, sorted({c for c in 'hello'}), list(x + 1 for x in range(3)), sum(x for x in range(101)))
print([y for x in [[1, 2], [3]] for y in x], [x if x > 1 else -x for x in range(3)], [i for i, c in enumerate('abc') if c != 'b'])
# === builtin iteration helpers
print(list(enumerate('ab', 1)), list(zip([1, 2, 3], 'ab')), list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2], [3, 4])))
print(list(filter(None, [0, 1, '', 'a'])), list(reversed([1, 2, 3])), sorted([3, 1, 2], reverse=True), any([]), all([]))
print(any(x > 2 for x in [1, 3]), all(x > 0 for x in [1, 0]), list(range(10, 0, -3)), list(range(-3)), range(5)[1:3], len(range(0, 10, 3)))
print(sorted(['b', 'A', 'c'], key=str.lower), sorted([(1, 'b'), (0, 'z'), (1, 'a')]), max('abc', key=ord), next(iter([7])), next(iter([]), 'empty'))
it = iter([1, 2, 3])
print(next(it), list(it), list(zip(*[(1, 'a'), (2, 'b')])), 3 in range(5), range(0, 10, 2).index(4), list(range(5))[::2])
# === sorting stability and keys
data = [('b', 2), ('a', 2), ('c', 1), ('d', 1)]
print(sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: t[1], reverse=True))
nums = [5, 2, 8, 1]
nums.sort(); print(nums, sorted(nums, key=abs), min(enumerate(nums), key=lambda p: p[1]))
# === star unpacking in calls and displays
def f(*args, **kwargs):
    return args, kwargs
a = [1, 2]; k = {'x': 1}
print(f(*a, 3, *a), f(**k, y=2), [*a, *a], (*a,), {*a}, {**k, **{'y': 2}}, f(*range(3)))
# === index errors
a = [1, 2]
try:
    a[5]
except IndexError as e:
    print(e)
try:
    a[5] = 1
except IndexError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    (1,)[3]
except IndexError as e:
    print(e)
try:
    a['x']
except TypeError as e:
    print(e)
try:
    a.remove(9)
except ValueError as e:
    print(e)
try:
    a.index(9)
except ValueError as e:
    print(e)
# === unpacking errors
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    x, y, z = [1, 2]
except ValueError as e:
    print(e)
try:
    x, *y, z = [1]
except ValueError as e:
    print(e)
try:
    x, y = 5
except TypeError as e:
    print(e)
# === nested data repr
d = {'list': [1, (2, 3), {'k': None}], 'tuple': (1,), 'set': {1}, 'float': 1.0, 'str': "it's"}
print(d)
l = [1]
l.append(l)
print(l)
# === list equality and ordering
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], (1, 'a') == (1, 'a'), [1, [2]] == [1, [2]], [] == (), [1, 2] != [2, 1])
# === unhashable list key
s = set()
s.add([1, 2])
