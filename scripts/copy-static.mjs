// After tsc: the web layer's own stylesheet and script go next to the compiled server (dist/web/static),
// where src/web/static-files.ts reads them. Plain Node, no dependencies.
import { cpSync } from 'node:fs';

cpSync('src/web/static', 'dist/web/static', { recursive: true });
