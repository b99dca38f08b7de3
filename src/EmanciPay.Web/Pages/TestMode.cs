namespace EmanciPay.Web.Pages;

/// <summary>Whether payments go to a Stripe emulator, so that every page says no real money moves; told by the composition.</summary>
public sealed record TestMode(bool UsesStripeEmulator);
