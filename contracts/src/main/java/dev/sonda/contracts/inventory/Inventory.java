package dev.sonda.contracts.inventory;

import java.util.List;
import java.util.Optional;

/** The accounts Sonda scans, read from an inventory file. */
public record Inventory(List<InventoryAccount> accounts) {

    public Inventory {
        accounts = List.copyOf(accounts);
    }

    public Optional<InventoryAccount> account(String accountId) {
        return accounts.stream().filter(account -> account.id().equals(accountId)).findFirst();
    }
}
