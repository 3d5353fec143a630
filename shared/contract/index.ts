export * from './api';
export * from './calls';
export * from './limits';
export * from './events';
export * from './models';
