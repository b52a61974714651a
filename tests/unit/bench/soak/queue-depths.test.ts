import { describe, expect, it } from 'vitest';
import { backlogOf, parseQueueDepths } from '../../../../bench/soak/queue-depths.js';

const EXPOSITION = `# HELP soc_agent_queue_jobs Jobs in each queue (detect and the six steps) by state, read live from Redis.
# TYPE soc_agent_queue_jobs gauge
soc_agent_queue_jobs{queue="detect",state="delayed"} 13
soc_agent_queue_jobs{queue="detect",state="waiting"} 1
soc_agent_queue_jobs{state="waiting",queue="classify"} 4
soc_agent_queue_jobs{queue="classify",state="prioritized"} 2
soc_agent_queue_jobs{queue="classify",state="active"} 2
soc_agent_queue_jobs{queue="investigate",state="completed"} 40
soc_agent_queue_jobs{queue="investigate",state="waiting"} NaN
soc_agent_recent_investigations{status="completed"} 40
`;

describe('queue depths from the API metrics', () => {
  it('reads the jobs of each queue by state, whatever the label order', () => {
    expect(parseQueueDepths(EXPOSITION)).toEqual({
      detect: { delayed: 13, waiting: 1 },
      classify: { waiting: 4, prioritized: 2, active: 2 },
      investigate: { completed: 40 },
    });
  });

  it('counts waiting and prioritized jobs of every queue as the backlog, not active, delayed or completed ones', () => {
    const depths = parseQueueDepths(EXPOSITION);
    expect(depths && backlogOf(depths)).toBe(7);
  });

  it('says the gauge is absent rather than reporting empty queues', () => {
    expect(parseQueueDepths('soc_agent_recent_investigations{status="completed"} 40\n')).toBeUndefined();
  });
});
