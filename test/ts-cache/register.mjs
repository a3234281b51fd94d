// Loaded by tap before each test file (.taprc node-arg), after its TypeScript loader.
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));
