import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps instance settings in the user folder; keep the tests' out of the home directory.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-openai-admin-test-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
