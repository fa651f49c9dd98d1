// What the router gives every screen: the route's parameters (the parts of the address after its name).
export interface ScreenProps {
  params: string[];
}
