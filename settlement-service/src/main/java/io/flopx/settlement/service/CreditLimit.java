package io.flopx.settlement.service;

/** How far a tenant's available money may go below zero in one currency. */
public record CreditLimit(String tenant, String currency, long creditLimit) {}
