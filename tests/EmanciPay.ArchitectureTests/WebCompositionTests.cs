using EmanciPay.Infrastructure.Identity;
using Mono.Cecil;
using NetArchTest.Rules;

namespace EmanciPay.ArchitectureTests;

/// <summary>
/// Web reaches Infrastructure only where the app is composed (Program, WebSetup, Startup/*). Pages, views (Razor
/// compiles them into the Web assembly) and endpoints send messages or use Application ports. The only Infrastructure
/// types they may name are Identity's (the user UserManager is typed on, and the account mail built for that user),
/// which the account pages cannot do without.
/// </summary>
public sealed class WebCompositionTests
{
    [Fact]
    public void Only_the_composition_uses_infrastructure()
    {
        var infrastructure = Rules.TypeNames(Layers.Infrastructure)
            .Where(name => !name.StartsWith(typeof(AppUser).Namespace + ".", StringComparison.Ordinal))
            .ToArray();

        var result = Types.InAssembly(Layers.Web)
            .That().MeetCustomRule(new IsNotComposition())
            .ShouldNot().HaveDependencyOnAny(infrastructure)
            .GetResult();

        Rules.Holds(result, "Outside Program, WebSetup and Startup, Web uses no Infrastructure type but Identity's");
    }

    [Fact]
    public void Pages_views_and_endpoints_are_checked()
    {
        // Guards the rule above against passing on nothing: the types it checks include pages, views and endpoints.
        var checkedTypes = Types.InAssembly(Layers.Web).That().MeetCustomRule(new IsNotComposition()).GetTypes().Select(t => t.FullName).ToList();

        Assert.Contains("EmanciPay.Web.Api.StripeWebhookEndpoint", checkedTypes);
        Assert.Contains("EmanciPay.Web.Pages.Dev.MailModel", checkedTypes);
        Assert.Contains("EmanciPay.Web.Pages.Shared.Pages_Shared__Layout", checkedTypes);
        Assert.DoesNotContain("EmanciPay.Web.WebSetup", checkedTypes);
    }

    private sealed class IsNotComposition : ICustomRule
    {
        public bool MeetsRule(TypeDefinition type)
        {
            var outer = type;
            while (outer.DeclaringType is not null)
            {
                outer = outer.DeclaringType;
            }

            var composition = outer.FullName is "Program" or "EmanciPay.Web.WebSetup" || outer.Namespace == "EmanciPay.Web.Startup";
            return !composition;
        }
    }
}
