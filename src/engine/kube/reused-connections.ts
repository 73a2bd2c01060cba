/**
 * A kubeconfig whose API requests reuse their TLS connections. @kubernetes/client-node 1.4 makes
 * a new `https.Agent` for every request, so every request paid a new TCP connection and TLS
 * handshake (most of the lab's submit time). This keeps one keep-alive agent per server and
 * credentials for the life of the process; idle sockets do not keep the process alive (Node
 * unrefs them). Watches and proxy agents stay as the library makes them.
 */
import { createHash } from 'node:crypto';
import * as https from 'node:https';
import * as k8s from '@kubernetes/client-node';

const agents = new Map<string, https.Agent>();

/** The agent's TLS options (server CA, client certificate and key...) as a digest. */
function optionsKey(options: https.AgentOptions): string {
  const text = JSON.stringify(options, (_key, value: unknown) =>
    Buffer.isBuffer(value) ? value.toString('base64') : value
  );
  return createHash('sha256').update(text).digest('hex');
}

export class ReusingKubeConfig extends k8s.KubeConfig {
  async applySecurityAuthentication(
    context: k8s.RequestContext
  ): Promise<void> {
    await super.applySecurityAuthentication(context);
    const made = context.getAgent();
    if (!made || Object.getPrototypeOf(made) !== https.Agent.prototype) {
      return;
    }
    const options = (made as https.Agent & { options: https.AgentOptions })
      .options;
    const key = optionsKey(options);
    let agent = agents.get(key);
    if (!agent) {
      agent = new https.Agent({ ...options, keepAlive: true });
      agents.set(key, agent);
    }
    made.destroy();
    context.setAgent(agent);
  }
}
