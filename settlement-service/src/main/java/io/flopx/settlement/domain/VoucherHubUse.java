package io.flopx.settlement.domain;

/** What a program's vouchers paid for in one hub and currency: for how many fills, how much (minor units). */
public record VoucherHubUse(String currency, String hub, long fills, long redeemed) {}
