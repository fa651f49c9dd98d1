// Exercise names on the clinician's screens, as the person's own screens write them (the catalogue's title).
import { knowledgeBase as kb } from '../../kb/index.js';
import { exerciseTitle } from './programme-dosage.js';

/** An exercise's title by id ("Glute bridge"); the id itself when the catalogue has no such exercise. */
export function exerciseName(id: string): string {
  const ex = kb.exercises.find((e) => e.id === id);
  return ex ? exerciseTitle(ex.name).title : id;
}
