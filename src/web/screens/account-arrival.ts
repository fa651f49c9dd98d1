// How the person arrived at the Account screen's signed-in view in this visit, which decides how the move
// of this device's data is offered.
export type Arrival = 'signup' | 'login' | null;
