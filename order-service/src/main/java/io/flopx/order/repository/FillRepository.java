package io.flopx.order.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.order.domain.Fill;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class FillRepository implements PanacheRepositoryBase<Fill, UUID> {
}
