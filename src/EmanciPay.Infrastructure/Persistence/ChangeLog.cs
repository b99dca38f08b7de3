using System.Globalization;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Jobs;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>
/// The audit log's view of EF's change tracker: each save of the scope's context while recording, and at the end what
/// is still pending, as rows with the values that changed. Rows that only hold credentials, keys or replies
/// (Identity's tokens and logins, Data Protection keys, idempotent replies, the outbox) are left out, and so is every
/// field <see cref="AuditRedaction"/> calls secret.
/// </summary>
internal sealed class ChangeLog(AppDbContext db) : IChangeLog
{
    private static readonly Type[] Unrecorded =
    [
        typeof(IdentityUserToken<string>), typeof(IdentityUserLogin<string>), typeof(DataProtectionKey),
        typeof(IdempotentRequest), typeof(OutboxMessage), typeof(AuditRecord),
    ];

    public ChangeRecording Record() => new Recording(db);

    private sealed class Recording : ChangeRecording
    {
        private readonly AppDbContext db;
        private readonly List<AuditedChange> saved = [];

        public Recording(AppDbContext db)
        {
            this.db = db;
            db.SavingChanges += OnSaving;
        }

        public override IReadOnlyList<AuditedChange> Capture() => [.. saved, .. Pending()];

        protected override void Dispose(bool disposing) => db.SavingChanges -= OnSaving;

        private void OnSaving(object? sender, SavingChangesEventArgs e) => saved.AddRange(Pending());

        private List<AuditedChange> Pending()
        {
            db.ChangeTracker.DetectChanges();
            return db.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !Unrecorded.Contains(e.Metadata.ClrType))
                .Select(Describe)
                .ToList();
        }

        private static AuditedChange Describe(EntityEntry entry)
        {
            var key = string.Join("/", entry.Metadata.FindPrimaryKey()?.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)) ?? []);
            var properties = entry.Properties.Where(p => !AuditRedaction.IsSecret(p.Metadata.Name)).ToList();
            var (before, after) = entry.State switch
            {
                EntityState.Added => (null, Values(properties, p => p.CurrentValue)),
                EntityState.Deleted => (Values(properties, p => p.OriginalValue), null),
                _ => (Values(properties.Where(p => p.IsModified), p => p.OriginalValue), Values(properties.Where(p => p.IsModified), p => p.CurrentValue)),
            };
            return new AuditedChange(entry.Metadata.ClrType.Name, key, entry.State.ToString().ToLowerInvariant(), before, after);
        }

        private static Dictionary<string, string?> Values(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value) =>
            properties.ToDictionary(p => p.Metadata.Name, p => Text(value(p)));

        private static string? Text(object? value) => value switch
        {
            null => null,
            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
