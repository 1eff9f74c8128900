// A Smart Ops agent in JavaScript over Camunda's external-task REST API, with Camunda's own
// JavaScript client (camunda-external-task-client-js).
//
// It registers itself in the agent library (as an agent administrator, once), then works as its
// service account: the client fetches and locks the tasks routed to its topic with only the
// variables it declares, the agent scores the lead, completes the task and reports the call, so it
// is audited, priced and on its scorecard. A failure goes to the engine (retries, then an incident).
//
// Settings: SMARTOPS_URL, SMARTOPS_ADMIN_USER/_PASSWORD, SMARTOPS_WORKER_USER/_PASSWORD,
// SMARTOPS_CAPABILITY, SMARTOPS_MAX_TASKS (stop after this many; default: run until stopped).
import { BasicAuthInterceptor, Client, Variables } from 'camunda-external-task-client-js';
import { CAPABILITY, URL_, WORKER, call, register } from './smartops.mjs';

const MAX_TASKS = Number(process.env.SMARTOPS_MAX_TASKS ?? 0);
const WORKER_ID = 'js-scorer';

const agent = await register({
  capability: CAPABILITY, name: `JavaScript size scorer ${CAPABILITY}`, version: '1.0',
  costPerCall: 0.0006, expectedLatencyMillis: 50, quality: 0.86, serviceUser: WORKER.user,
});
console.log(`registered ${agent.id} on topic ${agent.topic}`);

const client = new Client({
  baseUrl: `${URL_}/engine-rest`, workerId: WORKER_ID, asyncResponseTimeout: 10000, maxTasks: 1,
  interceptors: new BasicAuthInterceptor({ username: WORKER.user, password: WORKER.password }),
});

let served = 0;
client.subscribe(agent.topic, { variables: ['companyName', 'employees'], lockDuration: 30000 }, async ({ task, taskService }) => {
  const started = new Date();
  let outcome = 'COMPLETED';
  let confidence = null;
  let errorMessage = null;
  let produced = null;
  try {
    const employees = task.variables.get('employees') ?? 0;
    confidence = employees ? 0.9 : 0.5;
    produced = { score: Math.min(1, 0.2 + employees / 1000) };
    await taskService.complete(task, new Variables().setAll({ ...produced, agentConfidence: confidence }));
  } catch (e) {
    outcome = 'FAILURE';
    errorMessage = String(e.message ?? e);
    await taskService.handleFailure(task, { errorMessage, retries: 2, retryTimeout: 5000 });
  }
  const report = await call('POST', '/smartops/api/agent-calls', {
    agentId: agent.id, externalTaskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId,
    workerId: WORKER_ID, startedAt: started.toISOString(), latencyMillis: Date.now() - started.getTime(), outcome,
    confidence, model: 'js-size-rule', errorMessage,
    // the outputs let Smart Ops check them against the agent's contract (its measured quality)
    outputs: outcome === 'COMPLETED' ? produced : null,
  }, WORKER);
  if (report.status !== 201) console.log(`call report refused (${report.status}): ${JSON.stringify(report.body)}`);
  console.log(`task ${task.id}: ${outcome}`);
  if (MAX_TASKS && ++served >= MAX_TASKS) {
    client.stop();
  }
});
