package io.flopx.catalog.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.catalog.domain.Hub;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class HubRepository implements PanacheRepositoryBase<Hub, String> {
}
