using System.Reflection;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payments;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Features.Stations;
using Mediator;

namespace EmanciPay.IntegrationTests.Common;

/// <summary>Every command, query and request in Application says who may send it, in a form the behaviour can check.</summary>
public sealed class AllowedForAttributeTests
{
    private static readonly Type[] RequestKinds =
        [typeof(IBaseCommand), typeof(IBaseQuery), typeof(IBaseRequest), typeof(IBaseStreamCommand), typeof(IBaseStreamQuery), typeof(IBaseStreamRequest)];

    public static IReadOnlyList<Type> RequestTypes { get; } = typeof(Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && RequestKinds.Any(kind => kind.IsAssignableFrom(t)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void The_enumeration_finds_commands_queries_and_requests()
    {
        Assert.Contains(typeof(CreatePledge.Command), RequestTypes);
        Assert.Contains(typeof(SearchStations.Query), RequestTypes);
        Assert.Contains(typeof(ReceiveStripeEvents.Request), RequestTypes);
        Assert.True(RequestTypes.Count >= 20, $"Only {RequestTypes.Count} request types found.");
    }

    [Fact]
    public void Every_request_type_declares_who_may_send_it()
    {
        var undeclared = RequestTypes.Where(t => t.GetCustomAttribute<AllowedForAttribute>() is not { Senders.Count: > 0 }).Select(Name).ToList();

        Assert.True(undeclared.Count == 0, $"These declare no sender; add [AllowedFor(...)]: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void A_request_for_the_owner_of_a_pledge_or_the_manager_of_a_station_names_it()
    {
        var unnamed = RequestTypes
            .Select(t => (Type: t, Senders: t.GetCustomAttribute<AllowedForAttribute>()?.Senders ?? []))
            .Where(r => (r.Senders.Contains(Sender.PledgeOwner) && !typeof(IPledgeMessage).IsAssignableFrom(r.Type))
                || (r.Senders.Contains(Sender.StationManager) && !typeof(IStationMessage).IsAssignableFrom(r.Type)))
            .Select(r => Name(r.Type))
            .ToList();

        Assert.True(unnamed.Count == 0, $"These cannot be checked: implement IPledgeMessage or IStationMessage: {string.Join(", ", unnamed)}");
    }

    [Fact]
    public void Anonymous_is_declared_alone_since_it_already_lets_everyone_send()
    {
        var mixed = RequestTypes
            .Select(t => (Type: t, Senders: t.GetCustomAttribute<AllowedForAttribute>()?.Senders ?? []))
            .Where(r => r.Senders.Contains(Sender.Anonymous) && r.Senders.Count > 1)
            .Select(r => Name(r.Type))
            .ToList();

        Assert.True(mixed.Count == 0, $"Anonymous already allows everyone; name no other sender: {string.Join(", ", mixed)}");
    }

    private static string Name(Type type) => type.DeclaringType is { } feature ? $"{feature.Name}.{type.Name}" : type.Name;
}
