using NetArchTest.Rules;

namespace EmanciPay.ArchitectureTests;

/// <summary>The project references of DESIGN.md, stated on the compiled code: the Domain at the centre, Application around it, Infrastructure and the emulator outside.</summary>
public sealed class LayerDependencyTests
{
    [Fact]
    public void Domain_depends_on_no_other_layer_nor_on_persistence_payments_or_the_web()
    {
        string[] forbidden = ["EmanciPay.Application", "EmanciPay.Infrastructure", "EmanciPay.Web", "EmanciPay.StripeEmulator", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"];

        Rules.Holds(Types.InAssembly(Layers.Domain).ShouldNot().HaveDependencyOnAny([.. forbidden, .. Layers.StripeNet]).GetResult(), "The Domain depends on none of Stripe.net, " + string.Join(", ", forbidden));
        Rules.ReferencesNone(Layers.Domain, [.. forbidden, "Stripe.net"]);
    }

    [Fact]
    public void Application_depends_on_ports_only_not_on_their_implementations()
    {
        string[] forbidden = ["EmanciPay.Infrastructure", "EmanciPay.Web", "EmanciPay.StripeEmulator", "Npgsql", "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "Hangfire"];

        Rules.Holds(Types.InAssembly(Layers.Application).ShouldNot().HaveDependencyOnAny([.. forbidden, .. Layers.StripeNet]).GetResult(), "Application depends on none of Stripe.net, " + string.Join(", ", forbidden));
        Rules.ReferencesNone(Layers.Application, [.. forbidden, "Stripe.net", "Npgsql.EntityFrameworkCore.PostgreSQL"]);
    }

    [Fact]
    public void Infrastructure_depends_on_neither_the_web_nor_the_emulator()
    {
        string[] forbidden = ["EmanciPay.Web", "EmanciPay.StripeEmulator"];

        Rules.Holds(Types.InAssembly(Layers.Infrastructure).ShouldNot().HaveDependencyOnAny(forbidden).GetResult(), "Infrastructure depends on neither the web nor the emulator");
        Rules.ReferencesNone(Layers.Infrastructure, forbidden);
    }

    [Fact]
    public void The_emulator_depends_on_none_of_our_projects()
    {
        // The emulator compiles the one money formatter in as an internal copy, under the Domain's own name: a type of
        // its own, not a dependency. Any other type of our projects is one.
        var ours = new[] { Layers.Domain, Layers.Application, Layers.Infrastructure, Layers.Web }
            .SelectMany(Rules.TypeNames)
            .Where(name => name != "EmanciPay.Domain.Monetary.MoneyFormat" && !name.StartsWith("EmanciPay.Domain.Monetary.MoneyFormat/", StringComparison.Ordinal))
            .ToArray();

        Rules.Holds(Types.InAssembly(Layers.Emulator).ShouldNot().HaveDependencyOnAny(ours).GetResult(), "The emulator uses no type of our projects");
        Rules.ReferencesNone(Layers.Emulator, "EmanciPay.Domain", "EmanciPay.Application", "EmanciPay.Infrastructure", "EmanciPay.Web");
    }
}
