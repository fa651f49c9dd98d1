// Exercise names on the clinician's screens, as the person's own screens write them (src/words), read
// from the knowledge base this app was built with.
import { knowledgeBase as kb } from '../kb.js';
import { exerciseName as exerciseNameIn } from '../../words/index.js';

/** An exercise's title by id ("Glute bridge"); the id itself when the catalogue has no such exercise. */
export function exerciseName(id: string): string {
  return exerciseNameIn(kb, id);
}
