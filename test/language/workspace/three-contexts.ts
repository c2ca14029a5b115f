/** Three contexts of one workspace: Billing refers into Sales, Shipping stands alone (the builder's tests). */
export const SALES = `context Sales
aggregate Order {
  id orderId: uuid
  command PlaceOrder { emits OrderPlaced }
  event OrderPlaced { orderId: uuid }
}`;

export const BILLING = `context Billing
readmodel OpenOrders {
  key orderId: uuid
  on Sales.OrderPlaced
}`;

export const SHIPPING = `context Shipping
enum Carrier { Post }`;
