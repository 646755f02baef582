# === int and float are distinct
print(2.0, 2, 7 / 2, 6 / 2, 7 // 2, 7.0 // 2, type(7 // 2).__name__, type(6 / 2).__name__)
# === floor division and modulo signs
for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (7.5, 2), (-7.5, 2), (7.5, -2)]:
    print(a, b, a // b, a % b, divmod(a, b))
# === power
print(2 ** 10, 2 ** -1, (-2) ** 3, 2.0 ** 3, 4 ** 0.5, (-8) ** 2, 0 ** 0, pow(2, 10, 1000), pow(3, 4))
# === big integers
x = 2 ** 64
print(x, x * x, -x, x // 3, x % 1000007, x - 1, x + 1, 2 ** 53 + 1, (2 ** 53 + 1) * 3)
print(factorial := 1)
for i in range(1, 30):
    factorial *= i
print(factorial, factorial % 97, factorial.bit_length(), hex(factorial))
# === float repr
print(0.1 + 0.2, 1e16, 1e15, 123456789.123, 1e-4, 1e-5, 1.5e300, -0.0, 3.0 * 1e22, 1 / 3, 2 / 3, 100.0)
print(repr(1.0), str(2.5), float('inf'), float('-inf'), float('nan'), 1e308 * 10)
# === int and float conversion
print(int('42'), int(' -17 '), int('0x1f', 16), int('ff', 16), int('0b101', 0), int(3.99), int(-3.99), int(True))
print(float('1.5'), float(' 2 '), float(3), float('1e3'), float('-inf'), int('1_000'))
# === round
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.25, 1), round(2.675, 2), round(1234, -2), round(7.0), type(round(7.0)).__name__)
print(round(0.125, 2), round(0.375, 2), round(-1.5), round(1.5), round(12345.678, -2))
# === bool arithmetic
print(True + True, True * 3, False - 1, True / 2, True == 1, hash(True) == hash(1), {1: 'a', True: 'b'}, isinstance(True, int))
# === bitwise
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 40, -16 >> 2, (1 << 70) >> 68, -1 & 0xff, bin(10), oct(8), hex(255), hex(-255))
# === comparisons and chains
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, 2 > 1.5, 0.1 + 0.2 == 0.3, 3 >= 3 > 2 != 1, 1 < 2 > 0)
x = 5
print(0 < x <= 5, -1 < x < 0)
# === abs min max sum
print(abs(-3), abs(-2.5), min(3, 1, 2), max([1, 5, 3]), sum([1, 2, 3]), sum([0.5, 1.5]), sum([], 10), max([], default=0))
print(min('b', 'a'), max([(1, 'b'), (1, 'a')]), min([3, 1], key=lambda v: -v))
# === number formatting
print(format(3.14159, '.2f'), format(1234567, ','), format(0.25, '%'), format(12, '08.3f'), format(255, 'x'), format(255, '#X'))
print(format(1e-7, 'g'), format(123456789, 'e'), format(0.000123, '.2e'), format(42, '+d'), format(-42, ' d'), format(3.0, 'g'))
print(f"{1.5:>8.2f}|{7:<4}|{7:^5}|{-3:05d}|{1234.5:,.1f}|{0.5:.0%}|{10:b}|{2.0:.3}|{1e20:.3}|{12345.6789:.3g}")
# === zero division messages
for expr in ['1 / 0', '1 // 0', '1 % 0', '1.0 / 0', '1.0 // 0.0', '1.0 % 0.0', 'divmod(1, 0)', '0 ** -1', '0.0 ** -1']:
    try:
        eval_result = None
        if expr == '1 / 0': 1 / 0
        elif expr == '1 // 0': 1 // 0
        elif expr == '1 % 0': 1 % 0
        elif expr == '1.0 / 0': 1.0 / 0
        elif expr == '1.0 // 0.0': 1.0 // 0.0
        elif expr == '1.0 % 0.0': 1.0 % 0.0
        elif expr == 'divmod(1, 0)': divmod(1, 0)
        elif expr == '0 ** -1': 0 ** -1
        else: 0.0 ** -1
    except ZeroDivisionError as e:
        print(expr, '->', e)
# === bad int literal
int('abc')
# === bad float literal
float('1.2.3')
# === int of None
int(None)
# === float methods
print((2.5).is_integer(), (3.0).is_integer(), (0.75).as_integer_ratio(), (5).bit_length(), (10).real, (1.5).real, int.__add__(2, 3))
# === math module
import math
print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.pi, math.e, math.inf, math.isnan(math.nan))
print(math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(0), math.gcd(12, 18), math.lcm(4, 6), math.factorial(10))
print(math.isclose(0.1 + 0.2, 0.3), math.prod([1, 2, 3, 4]), math.hypot(3, 4), math.comb(5, 2), math.perm(5, 2), math.isqrt(17))
print(math.copysign(1, -0.0), math.fabs(-3), math.fmod(7, 3), math.degrees(math.pi), math.radians(180), math.atan2(1, 1))
print(math.erf(0.5), math.gamma(5), math.lgamma(10), math.tanh(0.5), math.fsum([0.1] * 10), math.modf(2.5), math.frexp(8.0))
# === math domain error
import math
math.sqrt(-1)
# === math log of big int
import math
print(math.log(2 ** 1000), math.log10(10 ** 50))
