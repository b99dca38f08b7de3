using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;

namespace EmanciPay.ArchitectureTests;

/// <summary>
/// No call to Stripe or the mail server is made while a database transaction is open (DESIGN.md): a command whose
/// handler can reach one is an <see cref="ICallsOut"/>, which the pipeline runs without a transaction around it.
/// </summary>
public sealed class CallOutTests
{
    private static readonly Type[] RemoteServices = [typeof(IMailer), typeof(IPaymentGateway), typeof(IConnectGateway), typeof(ITransferGateway)];

    [Fact]
    public void Every_command_whose_handler_reaches_stripe_or_mail_runs_without_a_transaction_around_it()
    {
        var handlers = Layers.Application.GetTypes()
            .Select(type => (Handler: type, Command: HandledCommand(type)))
            .Where(h => h.Command is not null)
            .ToList();
        var callers = handlers.Where(h => h.Handler.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => RemoteServices.Contains(p.ParameterType))).ToList();

        Assert.True(handlers.Count > 20, $"Only {handlers.Count} command handlers found: the scan is broken.");
        Assert.NotEmpty(callers);
        Assert.All(callers, h => Assert.True(
            typeof(ICallsOut).IsAssignableFrom(h.Command),
            $"{h.Command!.FullName} is handled by a handler that calls Stripe or mail, so it must be an ICallsOut that commits before calling out."));
    }

    private static Type? HandledCommand(Type type) => type.GetInterfaces()
        .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICommandHandler<>) || i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>)))
        .Select(i => i.GetGenericArguments()[0])
        .FirstOrDefault();
}
