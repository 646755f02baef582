# === string basics
s = "Hello, World"
print(len(s), s[0], s[-1], s[2:5], s[::-1], s[::2], s[100:], s[-3:], s.upper(), s.lower(), s.title(), s.swapcase())
print('a' + 'b', 'ab' * 3, 3 * 'x', 'lo' in s, 'zz' not in s, s.find('o'), s.rfind('o'), s.index('W'), s.count('l'))
# === string methods split join strip
print('a,b,,c'.split(','), ' a  b c '.split(), 'a b c'.split(None, 1), 'a-b-c'.rsplit('-', 1), 'x'.split('x'))
print('-'.join(['a', 'b', 'c']), ''.join(reversed('abc')), '  pad  '.strip(), 'xxhixx'.strip('x'), '  l'.lstrip(), 'r  '.rstrip())
print('line1\nline2\r\nline3'.splitlines(), 'a\nb\n'.splitlines(True), 'k=v=w'.partition('='), 'k=v=w'.rpartition('='))
# === string methods misc
print('abc'.startswith('ab'), 'abc'.endswith(('x', 'c')), 'Abc'.capitalize(), 'hello world'.title(), 'ab'.center(6, '*'))
print('42'.zfill(5), '-42'.zfill(5), 'ab'.ljust(4, '.'), 'ab'.rjust(4), 'a\tb'.expandtabs(4), 'aaa'.replace('a', 'b', 2))
print('123'.isdigit(), 'abc'.isalpha(), 'a1'.isalnum(), '  '.isspace(), 'abc'.islower(), 'ABC'.isupper(), 'x_1'.isidentifier())
print('prefix_name'.removeprefix('prefix_'), 'file.py'.removesuffix('.py'), 'Hello'.casefold(), 'a b'.split(' '))
# === repr of strings
print(repr('a'), repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('tab\there'), repr('nl\n'), repr('\\'), repr('\x00é'))
print(str(b'x'[0]) if False else 'skip', ascii('é'), repr(''))
# === f-strings
name = 'nn'
val = 3.14159
items = [1, 2]
print(f"{name!r} {name!s} {val:.2f} {val:10.3f}| {items} {len(items)} {{literal}} {name.upper()} {val * 2:.1e}")
width = 8
print(f"{name:>{width}}|{val:{width}.{2}f}|{42:#x}|{'x' * 3}|{3 + 4}|{None}|{True}|{[x * 2 for x in items]}")
x = 10
print(f"{x=}", f"{x = }", f"{x + 1=}", f"{name=!s}", f"{val=:.1f}")
# === percent formatting
print('%d items' % 5, '%s and %s' % ('a', 'b'), '%5.2f' % 3.14159, '%-5s|' % 'ab', '%05d' % 42, '%x %X %o' % (255, 255, 8))
print('%r' % 'q', '%(a)s-%(b)d' % {'a': 'x', 'b': 3}, '%.3s' % 'abcdef', '%%', '%e' % 12345.678, '%g' % 0.00001, '%+d' % 5, '%c' % 65)
# === str.format
print('{} {}'.format('a', 'b'), '{1} {0}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2), '{:>5}'.format('r'), '{:.2%}'.format(0.5))
print('{0[1]} {1.real}'.format([5, 6], 3), '{!r}'.format('s'), '{{}}'.format(), '{:*^9}'.format('mid'), '{:,}'.format(10 ** 6))
# === string errors
try:
    'a' + 1
except TypeError as e:
    print(e)
try:
    ''.join([1, 2])
except TypeError as e:
    print(e)
try:
    'abc'[5]
except IndexError as e:
    print(e)
try:
    'abc'.index('z')
except ValueError as e:
    print(e)
try:
    '%d' % 'x'
except TypeError as e:
    print(e)
try:
    '%s %s' % ('a',)
except TypeError as e:
    print(e)
try:
    '%s' % ('a', 'b')
except TypeError as e:
    print(e)
try:
    '{} {}'.format(1)
except IndexError as e:
    print(e)
# === string iteration and conversion
print(list('abc'), tuple('ab'), sorted('cba'), str(123), str(1.5), str([1, 'a']), str(None), ord('A'), chr(97), 'abc' < 'abd')
print(''.join(c for c in 'hello' if c != 'l'), 'x'.join('abc'), str(), 'a' 'b' "c", """tri
ple""", r'raw\n', 'tab\tescape', '\u00e9\N{DEGREE SIGN}')
# === string multiply by non-int
'a' * 2.0
# === string immutability
s = 'abc'
s[0] = 'x'
