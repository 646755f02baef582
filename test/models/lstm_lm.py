# An LSTM language model: token embedding, a 2-layer LSTM, and a linear decoder tied to the embedding.
import torch
import torch.nn as nn


class LSTMLanguageModel(nn.Module):
    def __init__(self, vocab_size=20, emb=8, hidden=8, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb)
        self.lstm = nn.LSTM(emb, hidden, num_layers=layers, batch_first=True)
        self.drop = nn.Dropout(0.1)
        self.decoder = nn.Linear(hidden, vocab_size)
        self.decoder.weight = self.embed.weight  # weight tying (emb == hidden)

    def forward(self, tokens, state=None):
        h, state = self.lstm(self.drop(self.embed(tokens)), state)
        return self.decoder(self.drop(h)), state


if __name__ == "__main__":
    torch.manual_seed(5)
    model = LSTMLanguageModel()
    print(model)
    print("params:", sum(p.numel() for p in model.parameters()))
    print("state_dict:", list(model.state_dict().keys()))
    model.eval()
    tokens = torch.randint(0, 20, (2, 5))
    logits, (h, c) = model(tokens)
    print("output:", logits.shape, h.shape, c.shape)
    print([round(v, 5) for v in logits[0, -1].tolist()[:6]])
    logits2, _ = model(tokens[:, -1:], (h, c))
    print([round(v, 5) for v in logits2.flatten().tolist()[:4]])
