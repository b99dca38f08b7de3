using System.Reflection;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Monetary;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.StripeEmulator;
using EmanciPay.Web;

namespace EmanciPay.ArchitectureTests;

/// <summary>The assemblies under test, each found by a type it holds.</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Money).Assembly;
    public static readonly Assembly Application = typeof(IAppDbContext).Assembly;
    public static readonly Assembly Infrastructure = typeof(AppUser).Assembly;
    public static readonly Assembly Web = typeof(WebSetup).Assembly;
    public static readonly Assembly Emulator = typeof(StripeEmulatorOptions).Assembly;

    /// <summary>
    /// Stripe.net's types by name: its namespace, "Stripe", cannot be given to NetArchTest as it is, which would also
    /// match our own string constants that say "Stripe".
    /// </summary>
    public static readonly string[] StripeNet = [.. Rules.TypeNames(typeof(Stripe.StripeClient).Assembly)];
}
