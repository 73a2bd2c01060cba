/**
 * The step panel's messages in the words of its fields. The tag checks (core/notebook/tags.ts,
 * values.ts) speak of tags, as the Diagnostics list must (`expected 'retry:N' with N a whole
 * number from 0 to 999`); beside a field called Retries the same problem reads "a whole number
 * from 0 to 999". A message not known here is shown as the check gave it.
 */

/** What each resource is called in the panel. */
const RESOURCE_NAMES: Record<string, string> = {
  cpu: 'CPU',
  memory: 'memory',
  'nvidia.com/gpu': 'GPU'
};

const EXAMPLE_IMAGE = 'registry.example.com/team/py:3.11';

/**
 * `message`, a tag check's, for the panel's `field` holding `value` (as typed): said in field
 * terms where it is one of the tag checks' known messages.
 */
export function fieldMessage(
  field: string,
  message: string,
  value: string
): string {
  switch (field) {
    case 'image':
      return /\s/.test(value.trim())
        ? `an image reference has no spaces, for example ${EXAMPLE_IMAGE}`
        : `not an image reference: [registry[:port]/]path[:tag][@digest], the path in lower case, for example ${EXAMPLE_IMAGE}`;
    case 'retries':
      return 'a whole number from 0 to 999';
    case 'timeout': {
      const fraction = /of a whole number of seconds, 1 or more: (.*)$/.exec(
        message
      );
      return fraction
        ? `a whole number of seconds, 1 or more: ${fraction[1]}`
        : 'a duration, for example 30m, 2h, 1h30m or 90 (seconds)';
    }
    default:
      return resourceMessage(message) ?? message;
  }
}

/** The limit and request checks' messages (values.ts), without their tags. */
function resourceMessage(message: string): string | null {
  const whole = /^limit:([^:]+):\S+ is not a whole number:/.exec(message);
  if (whole) {
    return `a whole number: Kubernetes gives ${name(whole[1])}s in whole units`;
  }
  const over = /^request:([^:]+):\S+ is more than limit:[^:]+:(\S+):/.exec(
    message
  );
  if (over) {
    return `more than the ${name(over[1])} limit (${over[2]}): Kubernetes refuses a pod that asks for more than its limit`;
  }
  const device = /^request:([^:]+):\S+ (needs|is not) limit:[^:]+:(\S+)/.exec(
    message
  );
  if (device) {
    return `Kubernetes takes ${name(device[1])}s as a limit: set the limit to ${device[3]}, or leave the request empty`;
  }
  const bytes =
    /^(?:limit|request):[^:]+:\S+ is (a fraction of a byte.*|\S+ bytes, fewer than.*)$/.exec(
      message
    );
  if (bytes) {
    return bytes[1].replace(/for example \S+:[^:]+:/, 'for example ');
  }
  return null;
}

function name(resource: string): string {
  return RESOURCE_NAMES[resource] ?? resource;
}
