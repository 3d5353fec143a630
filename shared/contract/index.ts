export * from './api';
export * from './calls';
export * from './events';
export * from './models';
