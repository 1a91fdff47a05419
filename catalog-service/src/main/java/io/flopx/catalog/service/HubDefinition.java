package io.flopx.catalog.service;

/** A market region as an operator defines it. */
public record HubDefinition(String name, String side) {}
