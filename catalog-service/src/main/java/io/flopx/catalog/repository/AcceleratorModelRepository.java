package io.flopx.catalog.repository;

import io.flopx.catalog.domain.AcceleratorModel;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AcceleratorModelRepository implements PanacheRepositoryBase<AcceleratorModel, String> {}
