using EmanciPay.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> builder)
    {
        builder.ToTable("LedgerAccounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Code).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.Code, a.Currency }).IsUnique();
    }
}

internal sealed class AccountBalanceSlotConfiguration : IEntityTypeConfiguration<AccountBalanceSlot>
{
    public void Configure(EntityTypeBuilder<AccountBalanceSlot> builder)
    {
        builder.ToTable("LedgerBalances");
        builder.HasKey(b => new { b.AccountId, b.Slot });
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(b => b.Balance);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("JournalEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.IdempotencyKey).HasMaxLength(JournalEntry.MaxIdempotencyKeyLength).IsRequired();
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.Property(e => e.CauseType)
            .HasConversion(type => EntryCause.CodeOf(type), code => EntryCause.TypeOf(code))
            .HasMaxLength(EntryCause.MaxCodeLength);
        builder.Property(e => e.CauseId).HasMaxLength(JournalEntry.MaxIdempotencyKeyLength).IsRequired();
        builder.HasIndex(e => new { e.CauseType, e.CauseId });
        builder.Property(e => e.Description).HasMaxLength(JournalEntry.MaxDescriptionLength).IsRequired();
        builder.HasIndex(e => e.PostedAt);
        builder.Property(e => e.ManualAuthor).HasMaxLength(450);
        builder.Ignore(e => e.IsManual);

        // The ledger browser's pages of one cause, newest first (see Features/Finance/PostingPages).
        builder.HasIndex(e => new { e.CauseType, e.PostedAt, e.Id });
        builder.HasMany(e => e.Transfers).WithOne().HasForeignKey(t => t.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(e => e.Transfers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LedgerTransferConfiguration : IEntityTypeConfiguration<LedgerTransfer>
{
    public void Configure(EntityTypeBuilder<LedgerTransfer> builder)
    {
        builder.ToTable("LedgerTransfers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(t => t.DebitAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(t => t.CreditAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerTransfer>().WithMany().HasForeignKey(t => t.PendingTransferId).OnDelete(DeleteBehavior.Restrict);

        // A reservation is posted or voided at most once, even when two payout jobs race.
        builder.HasIndex(t => t.PendingTransferId).IsUnique();
        builder.HasIndex(t => new { t.EntryId, t.Sequence }).IsUnique();

        // An account's postings over a period are a range on each side (see LedgerTransfer).
        builder.HasIndex(t => new { t.DebitAccountId, t.PostedAt });
        builder.HasIndex(t => new { t.CreditAccountId, t.PostedAt });

        // The whole ledger newest first, a page at a time by keyset, and exports oldest first (Features/Finance).
        builder.HasIndex(t => new { t.PostedAt, t.EntryId, t.Sequence });
        builder.Ignore(t => t.Money);
        builder.Ignore(t => t.DebitRunningBalance);
        builder.Ignore(t => t.CreditRunningBalance);
    }
}
