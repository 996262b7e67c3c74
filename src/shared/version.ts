export const SWITCHYARD_VERSION = '0.1.0';
