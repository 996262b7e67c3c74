/**
 * The Switchyard plugin SDK, imported by plugin code as "@switchyard/plugin-sdk":
 * implement the generated service with plain handlers, then serve it as a router
 * plugin (go-plugin over a unix socket) or as a grpc_service over TCP.
 */
export { status, Metadata } from '@grpc/grpc-js';
export {
  defineService,
  PluginError,
  type Handler,
  type HandlerContext,
  type PluginService,
} from './service.ts';
export { servePlugin, serveGrpcService, type RunningServer } from './serve.ts';
export { currentPluginDir, readPluginFiles, type PluginFiles } from './plugin-dir.ts';
