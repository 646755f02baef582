// The torch.optim.lr_scheduler namespace: both scheduler files under one name. (lr_scheduler_more.ts
// extends lr_scheduler.ts, so lr_scheduler.ts cannot re-export it without an import cycle.)
export * from './lr_scheduler';
export * from './lr_scheduler_more';
