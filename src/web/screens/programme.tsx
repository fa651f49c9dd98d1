// Placeholder until the screen is written.
import { ScreenTitle } from '../components/common.js';

export default function Screen() {
  return <ScreenTitle>programme</ScreenTitle>;
}
