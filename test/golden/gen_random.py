# Generates test/golden/random.json: seeded draws from real PyTorch's CPU generator, for
# test/engine/random.test.ts (which runs the same recipe, by name, and compares every value).
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_random.py
import base64
import json
import os

import torch


def T(seed):
    torch.manual_seed(seed)


def seq(*fs):
    return lambda: torch.cat([f().reshape(-1).double() for f in fs])


CASES = {
    "rand_5": lambda: (T(0), torch.rand(5))[1],
    "rand_3x4_seed42": lambda: (T(42), torch.rand(3, 4))[1],
    "rand_f64": lambda: (T(0), torch.rand(7, dtype=torch.float64))[1],
    "randn_3": lambda: (T(0), torch.randn(3))[1],
    "randn_15": lambda: (T(1), torch.randn(15))[1],
    "randn_16": lambda: (T(0), torch.randn(16))[1],
    "randn_37": lambda: (T(3), torch.randn(37))[1],
    "randn_200": lambda: (T(7), torch.randn(200))[1],
    "randn_1000": lambda: (T(8), torch.randn(1000))[1],
    "randn_f64_5": lambda: (T(0), torch.randn(5, dtype=torch.float64))[1],
    "randn_f64_21": lambda: (T(0), torch.randn(21, dtype=torch.float64))[1],
    "randn_cache_carry": lambda: (T(5), seq(lambda: torch.randn(3), lambda: torch.randn(3), lambda: torch.rand(2)))[1](),
    "randint_10": lambda: (T(0), torch.randint(0, 10, (10,)))[1],
    "randint_neg": lambda: (T(1), torch.randint(-5, 5, (8,)))[1],
    "randint_high_only": lambda: (T(2), torch.randint(100, (2, 3)))[1],
    "randint_wide": lambda: (T(0), torch.randint(0, 2**40, (4,)))[1],
    "randint_float": lambda: (T(0), torch.randint(0, 7, (5,), dtype=torch.float32))[1],
    "randperm_10": lambda: (T(0), torch.randperm(10))[1],
    "randperm_1": lambda: (T(0), torch.randperm(1))[1],
    "bernoulli_tensor": lambda: (T(0), torch.bernoulli(torch.tensor([0.1, 0.5, 0.9, 0.3, 0.7, 0.5, 0.5, 0.5])))[1],
    "bernoulli_tensor_f64": lambda: (T(0), torch.bernoulli(torch.tensor([0.1, 0.5, 0.9, 0.3], dtype=torch.float64)))[1],
    "bernoulli_scalar": lambda: (T(0), torch.empty(10).bernoulli_(0.3))[1],
    "uniform_range": lambda: (T(0), torch.empty(12).uniform_(-2, 3))[1],
    "uniform_kaiming": lambda: (T(0), torch.empty(4, 3).uniform_(-0.5773502691896258, 0.5773502691896258))[1],
    "uniform_f64": lambda: (T(0), torch.empty(6, dtype=torch.float64).uniform_(-1, 1))[1],
    "normal_blocked": lambda: (T(0), torch.empty(20).normal_(1.0, 2.0))[1],
    "normal_small": lambda: (T(0), torch.empty(5).normal_(-1.0, 0.5))[1],
    "normal_transposed": lambda: (T(0), torch.empty(4, 5).t().normal_())[1],
    "uniform_transposed": lambda: (T(0), torch.empty(3, 4).t().uniform_())[1],
    "exponential": lambda: (T(0), torch.empty(10).exponential_())[1],
    "exponential_f64_lambda": lambda: (T(0), torch.empty(10, dtype=torch.float64).exponential_(2.5))[1],
    "multinomial_repl": lambda: (T(0), torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 12, replacement=True))[1],
    "multinomial_repl_2d": lambda: (T(3), torch.multinomial(torch.tensor([[1.0, 0, 3], [0, 2.0, 2]]), 6, True))[1],
    "multinomial_norepl": lambda: (T(0), torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4, 1.0]), 4))[1],
    "multinomial_one": lambda: (T(0), torch.multinomial(torch.tensor([[0.5, 0.5, 1.0], [1.0, 2.0, 0.1]]), 1))[1],
    "random_int32": lambda: (T(0), torch.empty(6, dtype=torch.int32).random_())[1],
    "random_bool": lambda: (T(0), torch.empty(8, dtype=torch.bool).random_())[1],
    "random_float": lambda: (T(0), torch.empty(4).random_())[1],
    "random_to": lambda: (T(0), torch.empty(6).random_(100))[1],
    "random_from_to": lambda: (T(0), torch.empty(6, dtype=torch.int64).random_(-3, 3))[1],
    "generator_obj": lambda: torch.rand(3, generator=torch.Generator().manual_seed(42)),
    "generator_default_seed": lambda: torch.rand(3, generator=torch.Generator()),
    "seed_negative": lambda: (T(-1), torch.rand(3))[1],
    "seed_large": lambda: (T(2**40 + 5), torch.rand(3))[1],
    "normal_tensor_float": lambda: (T(0), torch.normal(torch.tensor([0.0, 10.0, 100.0]), 2.0))[1],
    "normal_float_tensor": lambda: (T(0), torch.normal(1.0, torch.tensor([1.0, 2.0, 3.0])))[1],
    "normal_tensor_tensor": lambda: (T(0), torch.normal(torch.zeros(2, 9), torch.ones(9)))[1],
    "normal_float_float": lambda: (T(0), torch.normal(2.0, 3.0, (4,)))[1],
    "rand_like": lambda: (T(0), torch.rand_like(torch.zeros(2, 2, dtype=torch.float64)))[1],
    "randn_like": lambda: (T(0), torch.randn_like(torch.zeros(17)))[1],
    "randint_like": lambda: (T(0), torch.randint_like(torch.zeros(4), 3, 9))[1],
}

out = {"torch": torch.__version__, "capability": torch.backends.cpu.get_cpu_capability(), "cases": []}
for name, f in CASES.items():
    t = f()
    out["cases"].append({
        "name": name,
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "values": [float(v) if t.dtype.is_floating_point else int(v) for v in t.reshape(-1).tolist()],
    })

# Generator states in PyTorch's own byte layout: after a recipe, and the draws that follow it.
STATES = {
    "fresh_seed_7": lambda: torch.manual_seed(7),
    "after_randn_3": lambda: (T(0), torch.randn(3)),
    "after_twist_and_cache": lambda: (T(1234), torch.rand(700), torch.randn(1)),
}
out["states"] = []
for name, f in STATES.items():
    f()
    state = torch.get_rng_state()
    follow = torch.cat([torch.randn(3), torch.rand(4)]).tolist()
    out["states"].append({"name": name, "state": base64.b64encode(bytes(state.tolist())).decode(), "follow": follow})

torch.manual_seed(123)
out["initial_seed"] = torch.initial_seed()
out["generator_initial_seed"] = torch.Generator().initial_seed()
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "random.json")
with open(path, "w") as f:
    json.dump(out, f, indent=0)
print(f"wrote {len(out['cases'])} cases to {path}")
