/**
 * Runner for end-to-end tests against a real n8n (1.x on Node 20, 2.x on Node 24).
 *
 * Nothing here depends on the repo's npm dependencies: only Node's standard library. n8n itself is
 * installed by scripts/e2e/install-n8n.sh into a cache folder outside the repo (see NOTES.md).
 *
 * Typical use:
 *   const install = await installN8n(1);
 *   const home = createN8nHome(install);
 *   await loadCommunityPackage(home, '/path/to/built/package');
 *   await importCredentials(home, [{ id, name, type, data }]);
 *   const id = await importWorkflow(home, workflowJson);
 *   const run = await executeWorkflow(home, id);
 *   nodeOutput(run, 'Some Node') // => [{...json}, ...]
 *   removeN8nHome(home);
 *
 * This file only gathers the runner's modules, one concern each:
 *   n8n-install.ts        the lines under test, installing n8n (and its cache)
 *   n8n-home.ts           an isolated n8n home: create, remove, run the CLI, import, activate
 *   community-package.ts  the package under test: build it, install it into a home
 *   n8n-execute.ts        `n8n execute` and the run data it prints
 *   n8n-server.ts         `n8n start` servers and `n8n worker` processes
 *   n8n-requests.ts       requests to a server: owner set-up, webhooks, forms
 *   n8n-executions.ts     executions stored in a home's database, and waiting for them
 *   ports.ts              free loopback ports, and n8n's message for a taken one
 *   processes.ts          child processes, their environment, logging, REPO_ROOT
 * (queue.ts adds queue mode's services and homes.)
 */
export { buildPackage, loadCommunityPackage } from './community-package';
export { executeWorkflow, isIsolateTeardownCrash, N8nExecutionError, nodeOutput } from './n8n-execute';
export type { N8nRun, N8nTaskData } from './n8n-execute';
export { getExecutions, waitForExecutions } from './n8n-executions';
export type { N8nExecution } from './n8n-executions';
export { activateWorkflow, createN8nHome, importCredentials, importWorkflow, importWorkflows, newWorkflowId, removeN8nHome, runN8n } from './n8n-home';
export type { CredentialInput, N8nHome } from './n8n-home';
export { E2E_LINES, installLines, installN8n } from './n8n-install';
export type { N8nInstall, N8nLine } from './n8n-install';
export { callWebhook, openForm, setupOwner, submitForm, waitForWebhook } from './n8n-requests';
export type { HttpResult, N8nOwner, WebhookKind } from './n8n-requests';
export { startN8n, startWorker, withN8nServer } from './n8n-server';
export type { N8nProcess, N8nServer } from './n8n-server';
export { freePort } from './ports';
export { describeExit, REPO_ROOT } from './processes';
export type { CommandResult } from './processes';
