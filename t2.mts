import { nn, torch } from './src/engine';
import { reportForModule, formatReport } from './src/inspect';
torch.set_default_device('meta');
const m = new nn.Sequential(new nn.Conv2d(3, 8, 3), new nn.ReLU(), new nn.Sequential(new nn.Conv2d(8, 8, 3), new nn.BatchNorm2d(8)), new nn.Flatten(), new nn.Linear(8*28*28, 10));
console.log(formatReport(reportForModule(m, [torch.randn([1, 3, 32, 32])]), 'text'));
