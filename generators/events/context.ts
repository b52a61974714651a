/** What every event builder needs: the event id, its time and the data stream namespace. */
export interface EventContext {
  id: string;
  time: Date;
  namespace: string;
}

export function isoTime(time: Date): string {
  return time.toISOString();
}

export function dataStream<D extends string>(dataset: D, namespace: string) {
  return { type: 'logs' as const, dataset, namespace };
}
