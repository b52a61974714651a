/** How one kind of event is named and sorted in ECS: `event.action`, `event.category`, `event.type`. */
export interface EventClass {
  action: string;
  category: string[];
  type: string[];
}
