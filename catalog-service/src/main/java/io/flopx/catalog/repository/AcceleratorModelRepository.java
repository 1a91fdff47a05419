package io.flopx.catalog.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.catalog.domain.AcceleratorModel;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AcceleratorModelRepository implements PanacheRepositoryBase<AcceleratorModel, String> {
}
