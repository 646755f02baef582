"""A word-level LSTM language model, after pytorch/examples word_language_model (nnlens example).

The forward takes token ids shaped (seq_len, batch) and the (h, c) state from init_hidden:
    nnlens inspect examples/lstm_lm.py
"""
import torch
import torch.nn as nn


class LSTMLanguageModel(nn.Module):
    def __init__(self, ntoken=1000, ninp=64, nhid=128, nlayers=2, dropout=0.2, tie_weights=False):
        super().__init__()
        self.ntoken = ntoken
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)
        if tie_weights:
            if nhid != ninp:
                raise ValueError("When using the tied flag, nhid must be equal to emsize")
            self.decoder.weight = self.encoder.weight
        self.nhid = nhid
        self.nlayers = nlayers

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        decoded = self.decoder(output)
        decoded = decoded.view(-1, self.ntoken)
        return torch.log_softmax(decoded, dim=1), hidden

    def init_hidden(self, bsz):
        weight = next(self.parameters())
        return (weight.new_zeros(self.nlayers, bsz, self.nhid),
                weight.new_zeros(self.nlayers, bsz, self.nhid))


if __name__ == "__main__":
    model = LSTMLanguageModel()
    hidden = model.init_hidden(20)
    tokens = torch.randint(0, 1000, (35, 20))
    output, hidden = model(tokens, hidden)
    print(output.shape)
