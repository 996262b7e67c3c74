// GraphiQL and Monaco are heavy, so the playground is its own lazily loaded chunk.
export { PlaygroundPage as Component } from '@/features/playground/components/playground-page';
